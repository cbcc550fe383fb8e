// The incident page reloads itself while the incident is open, unless someone is writing a note.
(function () {
  var seconds = parseInt(document.body.getAttribute('data-refresh'), 10);
  if (!seconds) { return; }
  setInterval(function () {
    var note = document.getElementById('note-text');
    if (note && (note.value.trim() !== '' || document.activeElement === note)) { return; }
    window.location.reload();
  }, seconds * 1000);
})();
