// Power planning beside k on the study form: asks POST /api/studies/plan for the expected
// 95% half-width of the win rates with the form's eval set, models, k and subset.
(function () {
	'use strict';
	var form = document.querySelector('form[data-preview]');
	var plan = document.querySelector('[data-plan]');
	var messages = document.getElementById('plan-messages');
	if (!form || !plan || !messages) {
		return;
	}
	var output = plan.querySelector('[data-plan-output]');
	var pending = null;
	function format(template, values) {
		return template.replace(/\{(\d+)\}/g, function (match, index) {
			return values[Number(index)];
		});
	}
	function number(id) {
		var value = document.getElementById(id).value;
		return value === '' ? null : Number(value);
	}
	function checked(name) {
		return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
			function (input) { return input.value; });
	}
	function percent(value) {
		return (value * 100).toFixed(1) + '%';
	}
	function describe(result) {
		var categories = result.byCategory.map(function (c) {
			return c.category + ' ±' + percent(c.halfWidth);
		}).join(', ');
		var text = format(messages.getAttribute('data-overall'),
			[percent(result.overall.halfWidth), result.overall.items, categories]);
		if (result.targetHalfWidth !== null) {
			text += ' · ' + (result.overall.ratingsPerTaskNeeded !== null
				? format(messages.getAttribute('data-needed'),
					[result.overall.ratingsPerTaskNeeded, percent(result.targetHalfWidth)])
				: format(messages.getAttribute('data-unreachable'), [percent(result.targetHalfWidth)]));
		}
		return text;
	}
	function refresh() {
		var csrf = form.querySelector('input[name="_csrf"]');
		var body = {
			evalSet: plan.getAttribute('data-eval-set'),
			evalSetVersion: plan.getAttribute('data-eval-set-version'),
			models: checked('models'),
			ratingsPerTask: number('k'),
			assumedWinRate: number('plan-win-rate'),
			targetHalfWidth: number('plan-target'),
			intraItemCorrelation: number('plan-correlation'),
			categories: checked('categories'),
			settings: checked('settings')
		};
		var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		if (csrf) {
			headers['X-CSRF-TOKEN'] = csrf.value;
		}
		fetch(plan.getAttribute('data-plan-url'), { method: 'POST', headers: headers, body: JSON.stringify(body) })
			.then(function (response) { return response.json(); })
			.then(function (result) {
				output.classList.toggle('problem', Boolean(result.errors));
				output.textContent = result.errors
					? result.errors.map(function (e) { return e.field + ' ' + e.message; }).join('; ')
					: describe(result);
			})
			.catch(function () { output.textContent = ''; });
	}
	function later() {
		clearTimeout(pending);
		pending = setTimeout(refresh, 300);
	}
	form.addEventListener('input', later);
	form.addEventListener('change', later);
	refresh();
})();
