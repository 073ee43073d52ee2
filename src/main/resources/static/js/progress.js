// Reloads the progress page every few seconds while the box is ticked.
(function () {
	'use strict';
	var section = document.querySelector('[data-auto-refresh]');
	var toggle = document.querySelector('[data-refresh-toggle]');
	if (!section || !toggle) {
		return;
	}
	var seconds = Number(section.getAttribute('data-auto-refresh')) || 15;
	toggle.checked = sessionStorage.getItem('pairwise-progress-refresh') !== 'off';
	toggle.addEventListener('change', function () {
		sessionStorage.setItem('pairwise-progress-refresh', toggle.checked ? 'on' : 'off');
	});
	setInterval(function () {
		if (toggle.checked && !document.hidden) {
			window.location.reload();
		}
	}, seconds * 1000);
})();
