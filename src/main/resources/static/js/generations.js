// Keeps the progress of queued and running generation runs up to date, and reloads the
// page once a run ends, to show its final state, message and selection link.
(function () {
	'use strict';
	var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-run]')).filter(function (row) {
		var state = row.getAttribute('data-state');
		return state === 'queued' || state === 'running';
	});
	if (rows.length === 0) {
		return;
	}
	function refresh(row) {
		var id = row.getAttribute('data-run');
		return fetch('/api/generations/' + encodeURIComponent(id), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				return response.ok ? response.json() : null;
			})
			.then(function (run) {
				if (!run) {
					return false;
				}
				var bar = row.querySelector('[data-run-bar]');
				bar.max = run.total;
				bar.value = run.done + run.errors;
				row.querySelector('[data-run-count]').textContent = run.done + ' / ' + run.total;
				row.querySelector('[data-run-tokens]').textContent = run.promptTokens + ' / ' + run.completionTokens;
				return run.state !== row.getAttribute('data-state') && run.state !== 'running';
			});
	}
	var timer = setInterval(function () {
		if (document.hidden) {
			return;
		}
		Promise.all(rows.map(refresh)).then(function (changed) {
			if (changed.some(Boolean)) {
				clearInterval(timer);
				window.location.reload();
			}
		});
	}, 1500);
})();
