// Progressive enhancement for episode pages: chapter and transcript links seek the page's
// player instead of opening the audio file. Without JavaScript the links still work: they
// open the file at that time (#t=seconds, a W3C media fragment).
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.seek[data-start]");
  var player = document.getElementById("episode-player");
  if (!link || !player || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  player.currentTime = parseFloat(link.dataset.start);
  player.play();
  player.focus();
});
