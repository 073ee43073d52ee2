// Live preview of how many tasks the study form would create.
(function () {
	'use strict';
	var form = document.querySelector('form[data-preview]');
	var output = document.querySelector('[data-preview-output]');
	var messages = document.getElementById('preview-messages');
	if (!form || !output || !messages) {
		return;
	}
	var pending = null;
	function format(template, values) {
		return template.replace(/\{(\d+)\}/g, function (match, index) {
			return values[Number(index)];
		});
	}
	function refresh() {
		var params = new URLSearchParams(new FormData(form));
		params.delete('_csrf');
		fetch(form.getAttribute('data-preview-url') + '?' + params.toString(), { headers: { Accept: 'application/json' } })
			.then(function (response) { return response.json(); })
			.then(function (result) {
				output.classList.toggle('problem', Boolean(result.errors));
				if (result.errors) {
					output.textContent = result.errors.map(function (e) { return e.field + ' ' + e.message; }).join('; ');
					return;
				}
				var text = format(messages.getAttribute('data-tasks'), [result.tasks.toLocaleString()]) + ' · '
					+ format(messages.getAttribute('data-judgments'), [result.judgmentsNeeded.toLocaleString()]);
				if (result.attentionChecks > 0) {
					text += ' · ' + format(messages.getAttribute('data-attention'), [result.attentionChecks]);
				}
				output.textContent = text;
			})
			.catch(function () { output.textContent = ''; });
	}
	form.addEventListener('input', function () {
		clearTimeout(pending);
		pending = setTimeout(refresh, 250);
	});
	form.addEventListener('change', refresh);
	refresh();
})();
