// Keyboard, timer, raw text, folding of a long prompt, feedback and the lease warning for
// the rating page. The page works without this script; it only makes rating faster.
(function () {
	'use strict';
	var form = document.getElementById('answer');
	var toast = document.querySelector('[data-toast]');
	if (toast) {
		// The confirmation belongs to this visit only: a reload must not show it again.
		// After an answer the next task comes as the answer's response: replacing the
		// entry also keeps a reload from posting the answer again.
		if (window.history.replaceState) {
			window.history.replaceState(null, '', window.location.pathname);
		}
		window.setTimeout(function () { toast.classList.add('gone'); }, 2500);
	}
	if (!form) {
		return;
	}
	var task = document.querySelector('.task');

	// Back (or Forward) brought this page up again: the server answered with the current
	// task, so say that this is not the task the rater answered before.
	var navigation = window.performance && performance.getEntriesByType
		? performance.getEntriesByType('navigation')[0] : null;
	var restored = false;
	try {
		restored = window.sessionStorage.getItem('pairwise-back') === '1';
		window.sessionStorage.removeItem('pairwise-back');
	} catch (ignored) {
		// Storage may be off; the navigation type still tells most cases.
	}
	if (restored || (navigation && navigation.type === 'back_forward')) {
		document.querySelector('[data-back-notice]').hidden = false;
	}
	// A copy kept in the back/forward cache would be a task already answered: ask again.
	window.addEventListener('pageshow', function (event) {
		if (event.persisted) {
			try {
				window.sessionStorage.setItem('pairwise-back', '1');
			} catch (ignored) {
				// Without storage the reloaded page cannot say why it was reloaded.
			}
			window.location.reload();
		}
	});

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

	// A few minutes before the lease runs out (it was renewed when this page was served).
	var leaseSeconds = parseInt(task.getAttribute('data-lease-seconds'), 10);
	if (leaseSeconds > 0) {
		var warnBefore = Math.min(180, Math.floor(leaseSeconds / 4));
		window.setTimeout(function () {
			var warning = document.querySelector('[data-lease-warning]');
			warning.hidden = false;
		}, (leaseSeconds - warnBefore) * 1000);
	}

	// The page checks the answer itself, so that a missing part is named in a message
	// without moving the focus: a field that took the focus would swallow the next key.
	form.noValidate = true;
	var messages = document.querySelector('[data-messages]');
	var checkError = document.querySelector('[data-check-error]');
	function problem() {
		var criterionProblem = criteriaProblem();
		if (criterionProblem) {
			return criterionProblem;
		}
		var choice = form.querySelector('input[name="choice"]:checked');
		var asked = form.querySelector('input[name="choice"]');
		if (asked && !choice) {
			return messages.getAttribute('data-choice');
		}
		var preferred = choice && (choice.value === '1' || choice.value === '2');
		if (preferred && form.querySelector('input[name="strength"]')
				&& !form.querySelector('input[name="strength"]:checked')) {
			return messages.getAttribute('data-strength');
		}
		var reason = form.querySelector('textarea[name="reason"]');
		if (reason.required && reason.value.trim() === '') {
			return messages.getAttribute('data-reason');
		}
		return null;
	}

	var submitting = false;
	form.addEventListener('submit', function (event) {
		if (submitting) {
			event.preventDefault();
			return;
		}
		var missing = problem();
		if (missing) {
			event.preventDefault();
			checkError.textContent = missing;
			checkError.hidden = false;
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
		} else if (!problem()) {
			form.submit();
		}
	}
	function skip() {
		var skipForm = document.querySelector('[data-skip-form]');
		if (skipForm) {
			skipForm.submit();
		}
	}
	function focusReason() {
		var reason = form.querySelector('textarea[name="reason"]');
		var fold = reason.closest('details');
		if (fold) {
			fold.open = true;
		}
		reason.focus();
	}

	// Raw text: exactly what was written, instead of the rendered Markdown.
	var toggles = Array.prototype.slice.call(document.querySelectorAll('[data-raw-toggle]'));
	function showRaw(button, raw) {
		var card = button.closest('.prompt-card, .response, .chat');
		Array.prototype.forEach.call(card.querySelectorAll('[data-raw]'), function (text) { text.hidden = !raw; });
		Array.prototype.forEach.call(card.querySelectorAll('[data-rendered]'), function (text) { text.hidden = raw; });
		button.textContent = raw ? button.getAttribute('data-hide') : button.getAttribute('data-show');
		button.setAttribute('aria-pressed', String(raw));
	}
	toggles.forEach(function (button) {
		button.setAttribute('aria-pressed', 'false');
		button.addEventListener('click', function () {
			showRaw(button, button.getAttribute('aria-pressed') !== 'true');
		});
	});
	function toggleAllRaw() {
		var raw = !toggles.some(function (button) { return button.getAttribute('aria-pressed') === 'true'; });
		toggles.forEach(function (button) { showRaw(button, raw); });
	}

	// Issue 21: criteria. Keys 1, 2 and 3 (and Q, W, E on a graded study) answer the
	// highlighted criterion row, which passes to the next row once it is complete; after
	// the last criterion the keys answer the overall choice as before.
	var criterionRows = Array.prototype.slice.call(form.querySelectorAll('[data-criterion]'));
	var activeRow = 0;
	function rowInput(row, suffix, value) {
		var name = 'criterion.' + row.getAttribute('data-criterion') + suffix;
		return row.querySelector('input[name="' + name + '"]' + (value ? '[value="' + value + '"]' : ':checked'));
	}
	function rowComplete(row) {
		var choice = rowInput(row, '', null);
		var graded = row.querySelector('.criterion-strength');
		return !!choice && (choice.value === 'tie' || !graded || !!rowInput(row, '.strength', null));
	}
	function highlight(index) {
		activeRow = index;
		criterionRows.forEach(function (row, i) { row.classList.toggle('active', i === index); });
	}
	function nextIncomplete(from) {
		for (var i = from; i < criterionRows.length; i++) {
			if (!rowComplete(criterionRows[i])) {
				return i;
			}
		}
		return criterionRows.length;
	}
	function answerRow(suffix, value) {
		var row = criterionRows[activeRow];
		var input = row && rowInput(row, suffix, value);
		if (!input) {
			return false;
		}
		input.checked = true;
		highlight(nextIncomplete(activeRow));
		return true;
	}
	criterionRows.forEach(function (row, index) {
		row.addEventListener('change', function () { highlight(rowComplete(row) ? nextIncomplete(index) : index); });
	});
	highlight(nextIncomplete(0));
	function criteriaProblem() {
		for (var i = 0; i < criterionRows.length; i++) {
			if (!rowInput(criterionRows[i], '', null)) {
				return messages.getAttribute('data-criterion');
			}
			if (!rowComplete(criterionRows[i])) {
				return messages.getAttribute('data-criterion-strength');
			}
		}
		return null;
	}
	function chooseOrAnswer(value) {
		if (!answerRow('', value)) {
			choose(value);
		}
	}
	function strengthOrAnswer(value) {
		if (!answerRow('.strength', value)) {
			strength(value);
		}
	}

	var keys = {
		'1': function () { chooseOrAnswer('1'); },
		'2': function () { chooseOrAnswer('2'); },
		'3': function () { chooseOrAnswer('tie'); },
		'4': function () { choose('both-bad'); },
		'f': function () { toggleFail('1'); },
		'j': function () { toggleFail('2'); },
		'q': function () { strengthOrAnswer('slightly'); },
		'w': function () { strengthOrAnswer('clearly'); },
		'e': function () { strengthOrAnswer('much'); },
		't': toggleAllRaw,
		'r': focusReason,
		's': skip
	};
	document.addEventListener('keydown', function (event) {
		if (event.altKey || event.metaKey || event.isComposing) {
			return;
		}
		var target = event.target;
		var multiLine = target && target.tagName === 'TEXTAREA';
		var typing = multiLine || (target && target.tagName === 'INPUT' && target.type === 'text');
		if (event.key === 'Escape' && typing) {
			target.blur();
			return;
		}
		if (event.key === 'Enter') {
			// In a multi-line field Enter is a new line and Ctrl+Enter submits that field's form.
			if (multiLine && !event.ctrlKey) {
				return;
			}
			// Links, folds (a criterion's help, the reason) and the buttons of other forms (skip,
			// report) keep their own Enter; the answer's own controls, raw text and "show all"
			// submit the answer.
			var own = target && (form.contains(target) || target.hasAttribute('data-raw-toggle')
					|| target.classList.contains('fold-toggle'));
			if (!multiLine && target && (target.tagName === 'SUMMARY' || (!own && /^(A|BUTTON)$/.test(target.tagName)))) {
				return;
			}
			event.preventDefault();
			if (multiLine && target.form && target.form !== form) {
				target.form.submit();
				return;
			}
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

	// A long prompt folds, with a button to show all of it: never a small box to scroll.
	// While folded, its last paragraph (where a long-context item asks its question)
	// stays in view below the fold.
	Array.prototype.forEach.call(document.querySelectorAll('[data-foldable]'), function (body) {
		if (body.scrollHeight <= window.innerHeight * 0.45) {
			return;
		}
		body.classList.add('folded');
		var rendered = body.querySelector('[data-rendered]');
		var last = rendered ? rendered.lastElementChild : null;
		var tail = null;
		if (last && rendered.children.length > 1 && last.offsetHeight < window.innerHeight * 0.2) {
			tail = document.createElement('div');
			tail.className = 'markdown fold-tail';
			tail.setAttribute('aria-hidden', 'true');
			tail.appendChild(last.cloneNode(true));
			body.parentNode.insertBefore(tail, body.nextSibling);
		}
		var button = document.createElement('button');
		button.type = 'button';
		button.className = 'small-button fold-toggle';
		button.textContent = body.getAttribute('data-show-all');
		button.addEventListener('click', function () {
			var folded = body.classList.toggle('folded');
			button.textContent = body.getAttribute(folded ? 'data-show-all' : 'data-show-less');
			if (tail) {
				tail.hidden = !folded;
			}
		});
		body.parentNode.insertBefore(button, (tail || body).nextSibling);
	});
})();
