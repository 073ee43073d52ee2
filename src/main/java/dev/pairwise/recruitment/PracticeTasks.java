package dev.pairwise.recruitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pairwise.study.Study;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The texts of a practice question: the item's prompt, the study's first model's output
 * as Response 1 and its second model's as Response 2. A built-in attention check degrades
 * the side that is not its answer as the study's attention checks do: emptied, cut short,
 * or replaced by that model's answer to another prompt. Read only; nothing names a model.
 */
@Component
class PracticeTasks {

	private final JdbcClient jdbc;

	PracticeTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PracticeTask> find(Study study, String itemKey) {
		if (study.models().size() < 2 || itemKey == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select i.prompt, o1.text as first_text, o2.text as second_text
				from item i
				join model m1 on m1.name = ? join output o1 on o1.item_id = i.id and o1.model_id = m1.id
				join model m2 on m2.name = ? join output o2 on o2.item_id = i.id and o2.model_id = m2.id
				where i.eval_set_id = ? and i.item_key = ?""")
			.params(study.models().get(0), study.models().get(1), study.evalSetId(), itemKey)
			.query((rs, row) -> new PracticeTask(rs.getString("prompt"), rs.getString("first_text"),
					rs.getString("second_text")))
			.optional();
	}

	/** The question as the participant sees it, its check's degraded side included. */
	Optional<PracticeTask> find(Study study, Question question) {
		Optional<PracticeTask> task = find(study, question.item());
		if (task.isEmpty() || !question.builtInCheck()) {
			return task;
		}
		boolean goodIsFirst = "1".equals(question.answer());
		String good = goodIsFirst ? task.get().response1() : task.get().response2();
		String degraded = switch (question.kind()) {
			case "empty" -> "";
			case "truncated" -> truncate(good);
			default -> otherPromptsOutput(study, question.item(), study.models().get(goodIsFirst ? 1 : 0));
		};
		return Optional.of(goodIsFirst ? new PracticeTask(task.get().prompt(), good, degraded)
				: new PracticeTask(task.get().prompt(), degraded, good));
	}

	/**
	 * {@code count} built-in attention checks, spread over the eval set's items whose
	 * outputs of the first two models are both there and not blank, the kinds and the
	 * right side taking turns. The same study and count always give the same checks, so
	 * saving the link again changes none of them.
	 */
	List<Question> builtInChecks(Study study, int count) {
		List<String> items = checkableItems(study);
		List<Question> checks = new ArrayList<>(count);
		for (int i = 0; i < count && count <= items.size(); i++) {
			checks.add(Question.check(items.get(i * items.size() / count), (i % 2 == 0) ? "1" : "2",
					Question.CHECK_KINDS.get(i % Question.CHECK_KINDS.size())));
		}
		return checks;
	}

	/** The items a built-in check can be made of. */
	List<String> checkableItems(Study study) {
		if (study.models().size() < 2) {
			return List.of();
		}
		return this.jdbc.sql("""
				select i.item_key from item i
				join model m1 on m1.name = ? join output o1 on o1.item_id = i.id and o1.model_id = m1.id
				join model m2 on m2.name = ? join output o2 on o2.item_id = i.id and o2.model_id = m2.id
				where i.eval_set_id = ? and trim(o1.text) <> '' and trim(o2.text) <> ''
				order by i.position, i.id""")
			.params(study.models().get(0), study.models().get(1), study.evalSetId())
			.query(String.class)
			.list();
	}

	private String otherPromptsOutput(Study study, String itemKey, String model) {
		return this.jdbc.sql("""
				select o.text from item i
				join model m on m.name = ? join output o on o.item_id = i.id and o.model_id = m.id
				where i.eval_set_id = ? and i.item_key <> ? and trim(o.text) <> ''
				order by i.position, i.id
				limit 1""").params(model, study.evalSetId(), itemKey).query(String.class).optional().orElse("");
	}

	/**
	 * As the study's truncated attention checks: the first fifth, at most 120 characters.
	 */
	private static String truncate(String text) {
		int cut = Math.max(1, Math.min(text.length() / 5, 120));
		int space = text.lastIndexOf(' ', cut);
		return text.substring(0, (space > 0) ? space : cut);
	}

	record PracticeTask(String prompt, String response1, String response2) {
	}

}
