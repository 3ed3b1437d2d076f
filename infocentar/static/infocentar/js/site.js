// Progressive enhancement only: every page works without this file.
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
