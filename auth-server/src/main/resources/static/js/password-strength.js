// A rough strength hint while a new password is typed. Only a hint: the server decides
// (length, the common-password list, closeness to the username or address).
(function () {
  'use strict';
  var hint = document.getElementById('password-strength');
  var field = document.querySelector('input[name="password"], input[name="newPassword"]');
  if (!hint || !field) {
    return;
  }
  var minimum = parseInt(hint.getAttribute('data-minimum'), 10) || 12;

  function estimatedBits(password) {
    var pool = 0;
    if (/[a-z]/.test(password)) { pool += 26; }
    if (/[A-Z]/.test(password)) { pool += 26; }
    if (/[0-9]/.test(password)) { pool += 10; }
    if (/[^a-zA-Z0-9]/.test(password)) { pool += 33; }
    var distinct = new Set(password.toLowerCase()).size;
    // repeated characters and short cycles add little
    var variety = Math.min(1, distinct / Math.max(4, password.length * 0.6));
    return password.length * Math.log2(Math.max(pool, 2)) * variety;
  }

  function update() {
    var password = field.value;
    var length = Array.from(password).length;
    var level;
    if (length === 0) {
      hint.textContent = '';
      hint.removeAttribute('data-level');
      return;
    }
    if (length < minimum) {
      level = 'short';
    } else {
      var bits = estimatedBits(password);
      level = bits < 50 ? 'weak' : bits < 70 ? 'fair' : 'strong';
    }
    hint.setAttribute('data-level', level);
    hint.textContent = hint.getAttribute('data-' + level).replace('{0}', String(minimum - length));
  }

  field.addEventListener('input', update);
  update();
})();
