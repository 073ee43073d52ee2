// A confirmation step for destructive or irreversible actions: a form with a
// data-confirm attribute is sent only once the person agrees to its question.
document.addEventListener('submit', (event) => {
	const question = event.target.getAttribute('data-confirm');
	if (question && !window.confirm(question)) {
		event.preventDefault();
	}
});
