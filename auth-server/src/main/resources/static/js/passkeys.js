// Connects our pages to Spring Security's passkey script (/login/webauthn.js), which the
// strict Content-Security-Policy lets us load but not call from inline script.
(function () {
  'use strict';
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  var headers = {};
  if (token && header) {
    headers[header.getAttribute('content')] = token.getAttribute('content');
  }
  var contextPath = (document.body.getAttribute('data-context-path') || '/').replace(/\/$/, '');

  var signIn = document.getElementById('passkey-signin');
  if (signIn && window.setupLogin) {
    if (!window.PublicKeyCredential) {
      signIn.hidden = true;
    } else {
      window.setupLogin(headers, contextPath, signIn);
    }
  }

  var register = document.getElementById('passkey-register');
  if (register && window.setupRegistration) {
    window.setupRegistration(headers, contextPath, {
      getRegisterButton: function () { return register; },
      getLabelInput: function () { return document.getElementById('passkey-label'); },
      getSuccess: function () { return document.getElementById('passkey-success'); },
      getError: function () { return document.getElementById('passkey-error'); },
      getDeleteForms: function () { return Array.prototype.slice.call(document.querySelectorAll('form.passkey-delete')); }
    });
  }
})();
