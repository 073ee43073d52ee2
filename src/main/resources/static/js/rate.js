// Keyboard, timer, raw text and scrolling together for the rating page. The page works
// without this script; it only makes rating faster.
(function () {
	'use strict';
	var form = document.getElementById('answer');
	if (!form) {
		return;
	}

	// Time spent on the task, counting only while the page is visible; recorded, never shown.
	var spent = 0;
	var since = document.hidden ? null : performance.now();
	document.addEventListener('visibilitychange', function () {
		if (document.hidden && since !== null) {
			spent += performance.now() - since;
			since = null;
		} else if (!document.hidden && since === null) {
			since = performance.now();
		}
	});
	function elapsed() {
		return Math.round(spent + (since === null ? 0 : performance.now() - since));
	}

	var submitting = false;
	form.addEventListener('submit', function (event) {
		if (submitting) {
			event.preventDefault();
			return;
		}
		form.querySelector('[data-elapsed]').value = String(elapsed());
		submitting = true;
		var button = form.querySelector('[data-submit]');
		if (button) {
			button.disabled = true;
		}
	});

	function choose(value) {
		var input = form.querySelector('input[name="choice"][value="' + value + '"]');
		if (input) {
			input.checked = true;
			input.focus({ preventScroll: true });
		}
	}
	function strength(value) {
		var input = form.querySelector('input[name="strength"][value="' + value + '"]');
		if (input) {
			input.checked = true;
		}
	}
	function toggleFail(side) {
		var box = form.querySelector('[data-fail="' + side + '"]');
		if (box) {
			box.checked = !box.checked;
		}
	}
	function submit() {
		if (typeof form.requestSubmit === 'function') {
			form.requestSubmit();
		} else if (form.checkValidity()) {
			form.submit();
		}
	}

	var keys = {
		'1': function () { choose('1'); },
		'2': function () { choose('2'); },
		'3': function () { choose('tie'); },
		'4': function () { choose('both-bad'); },
		'f': function () { toggleFail('1'); },
		'j': function () { toggleFail('2'); },
		'q': function () { strength('slightly'); },
		'w': function () { strength('clearly'); },
		'e': function () { strength('much'); }
	};
	document.addEventListener('keydown', function (event) {
		if (event.altKey || event.metaKey || event.isComposing) {
			return;
		}
		var target = event.target;
		var typing = target && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && target.type === 'text'));
		if (event.key === 'Enter') {
			if (typing && !event.ctrlKey) {
				return;
			}
			if (target && (target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.tagName === 'A')) {
				return;
			}
			event.preventDefault();
			submit();
			return;
		}
		if (typing || event.ctrlKey) {
			return;
		}
		var action = keys[event.key.toLowerCase()];
		if (action) {
			event.preventDefault();
			action();
		}
	});

	// Raw text: exactly what the model wrote, instead of the rendered Markdown.
	Array.prototype.forEach.call(document.querySelectorAll('[data-raw-toggle]'), function (button) {
		button.addEventListener('click', function () {
			var body = button.closest('.response').querySelector('.response-body');
			var raw = body.querySelector('[data-raw]');
			var rendered = body.querySelector('[data-rendered]');
			var showRaw = raw.hidden;
			raw.hidden = !showRaw;
			rendered.hidden = showRaw;
			button.textContent = showRaw ? button.getAttribute('data-hide') : button.getAttribute('data-show');
			button.setAttribute('aria-pressed', String(showRaw));
		});
	});

	// Scrolling one response scrolls the other to the same relative position.
	var sync = document.querySelector('[data-sync-scroll]');
	var panes = Array.prototype.slice.call(document.querySelectorAll('[data-scroll]'));
	var leader = null;
	panes.forEach(function (pane) {
		pane.addEventListener('scroll', function () {
			if (!sync || !sync.checked || (leader !== null && leader !== pane)) {
				return;
			}
			leader = pane;
			var range = pane.scrollHeight - pane.clientHeight;
			var ratio = range > 0 ? pane.scrollTop / range : 0;
			panes.forEach(function (other) {
				if (other !== pane) {
					other.scrollTop = ratio * (other.scrollHeight - other.clientHeight);
				}
			});
			window.requestAnimationFrame(function () { leader = null; });
		});
	});
})();
