// Click-to-load video: nothing is fetched from YouTube or Vimeo until the reader presses play.
// Without this script the play control is a plain link to the video's own page.
document.querySelectorAll("a[data-embed]").forEach(function (link) {
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.addEventListener("click", function () {
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-embed");
    frame.title = link.getAttribute("data-title");
    frame.width = "640";
    frame.height = "360";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.parentNode.replaceChildren(frame);
    frame.focus();
  });
  link.replaceWith(button);
});
