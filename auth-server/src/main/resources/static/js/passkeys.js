// Connects our pages to Spring Security's passkey script (/login/webauthn.js), which the
// strict Content-Security-Policy lets us load but not call from inline script.
(function () {
  'use strict';
  // the page's CSRF token rides on this script's element: only pages with passkeys need
  // it, and a token asked for on every page stored a session for every page view
  var script = document.currentScript;
  var headers = {};
  if (script && script.dataset.csrfHeader && script.dataset.csrfToken) {
    headers[script.dataset.csrfHeader] = script.dataset.csrfToken;
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
