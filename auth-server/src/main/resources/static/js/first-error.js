// After a form comes back with errors, the first field that has one takes the focus, so a
// keyboard or screen reader user starts where the form needs them.
(function () {
  var field = document.querySelector('[aria-invalid=true]');
  if (field) {
    field.focus();
  }
})();
