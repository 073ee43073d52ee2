// The recruitment form's platform presets: choosing one fills in the platform's parameter
// names and completion URL, which stay editable. An open link has no platform: its
// parameter fields are hidden (and not sent) and a line says what it does instead.
(function () {
	'use strict';
	const form = document.querySelector('[data-recruitment-form]');
	if (!form) {
		return;
	}
	const preset = form.querySelector('[data-preset]');
	preset.addEventListener('change', function () {
		const option = preset.selectedOptions[0];
		const open = !!option && option.hasAttribute('data-open');
		form.querySelector('[data-open-hint]').hidden = !open;
		form.querySelectorAll('[data-platform-only]').forEach(function (field) {
			field.hidden = open;
			if (field.tagName === 'INPUT') {
				field.disabled = open;
			}
		});
		if (!option || !option.dataset.param) {
			return;
		}
		form.querySelector('[data-param-field]').value = option.dataset.param;
		form.querySelector('[data-extras-field]').value = option.dataset.extras;
		form.querySelector('[data-url-field]').value = option.dataset.url;
	});
}());
