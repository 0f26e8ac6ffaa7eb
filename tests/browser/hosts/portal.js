// Two handlers copied from the kind of script old portals carry (ES3, on
// document): Backspace is blocked unless the target is a text field, so that it
// never navigates back, and Enter anywhere runs the site's search. Shadow DOM
// retargets events to the element, whose tagName is CHANJIAO-WIDGET and which
// has no `type`, so without the widget's care both would take its keys.
window.portalSearches = 0;
window.portalBlocked = 0;
document.onkeydown = function (e) {
  e = e || window.event;
  var t = e.target || e.srcElement;
  var type = (t.type || '').toLowerCase();
  if (e.keyCode == 8 && type != 'text' && type != 'textarea' && type != 'search' && type != 'password') {
    window.portalBlocked += 1;
    if (e.preventDefault) e.preventDefault();
    return false;
  }
  if (e.keyCode == 13 && t.tagName != 'TEXTAREA') {
    window.portalSearches += 1;
    if (e.preventDefault) e.preventDefault();
    return false;
  }
};
