// The recruitment form's platform presets: choosing one fills in the platform's parameter
// names and completion URL, which stay editable.
(function () {
	'use strict';
	const form = document.querySelector('[data-recruitment-form]');
	if (!form) {
		return;
	}
	const preset = form.querySelector('[data-preset]');
	preset.addEventListener('change', function () {
		const option = preset.selectedOptions[0];
		if (!option || !option.dataset.param) {
			return;
		}
		form.querySelector('[data-param-field]').value = option.dataset.param;
		form.querySelector('[data-extras-field]').value = option.dataset.extras;
		form.querySelector('[data-url-field]').value = option.dataset.url;
	});
}());
