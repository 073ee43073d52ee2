package dev.pairwise.recruitment;

import java.util.Optional;

import dev.pairwise.study.Study;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The texts of a practice question: the item's prompt, the study's first model's output
 * as Response 1 and its second model's as Response 2. Read only; nothing names a model.
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

	record PracticeTask(String prompt, String response1, String response2) {
	}

}
