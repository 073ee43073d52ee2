package dev.pairwise.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.HttpTestClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study with a row in every section of its bundle, made through the app as raters make
 * it, and the invite tokens of its raters.
 */
record Campaign(long study, List<String> tokens) {

	/**
	 * A study as a campaign leaves it: 60 judgments (some edited) by four raters, one
	 * with a quota and one revoked, skips, flags, a live lease and an expired one, and
	 * attention checks.
	 */
	static Campaign run(String name, HttpTestClient admin, int port, JdbcClient jdbc) {
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("name", name);
		definition.put("evalSet", "flan-style-190");
		definition.put("models", List.of("instruction-tuned-demo", "base-demo"));
		definition.put("ratingsPerTask", 3);
		definition.put("attentionCheckRate", 0.2);
		definition.put("allowEdit", true);
		definition.put("instructions", "Judge **carefully**. 判断");
		definition.put("criteria", List.of(Map.of("id", "correctness", "label", "More correct?", "labelZh", "更正确？"),
				Map.of("id", "style", "label", "Better style?", "help", "Tone and *form*.")));
		long study = admin.postJson("/api/studies", definition).json().path("id").asLong();
		admin.post("/api/studies/" + study + "/open", "application/json", "");
		List<String> tokens = new ArrayList<>();
		for (JsonNode invite : admin.postJson("/api/studies/" + study + "/invites", Map.of("count", 3)).json()) {
			tokens.add(token(invite));
		}
		tokens.add(token(
				admin.postJson("/api/studies/" + study + "/invites", Map.of("count", 1, "quota", 10)).json().path(0)));
		HttpTestClient rater = HttpTestClient.anonymous(port);
		String[] choices = { "1", "2", "tie", "both-bad" };
		int real = 0;
		for (int i = 0; real < 60; i++) {
			assertThat(i).as("requests needed for 60 real judgments").isLessThan(1000);
			String token = tokens.get(i % tokens.size());
			Response next = rater.get("/api/rate/" + token + "/next");
			if (next.status() != 200) {
				continue;
			}
			long assignment = next.json().path("assignmentId").asLong();
			if (i % 17 == 5) {
				rater.postJson("/api/rate/" + token + "/skip", Map.of("assignmentId", assignment));
				continue;
			}
			if (i % 23 == 7) {
				rater.postJson("/api/rate/" + token + "/flag",
						Map.of("assignmentId", assignment, "note", "typo in the prompt"));
				continue;
			}
			Map<String, Object> answer = Map.of("assignmentId", assignment, "choice", choices[i % 4], "fail1",
					i % 5 == 0, "reason", "reason " + i + " — naïve 🙂", "elapsedMs", 1000 + i, "criteria",
					criteria(i));
			rater.postJson("/api/rate/" + token + "/judgments", answer);
			real = jdbc.sql("select count(*) from judgment where study_id = ? and attention = false")
				.param(study)
				.query(Integer.class)
				.single();
			if (i % 11 == 3) {
				rater.postJson("/api/rate/" + token + "/judgments", Map.of("assignmentId", assignment, "choice",
						choices[(i + 1) % 4], "reason", "changed my mind", "criteria", criteria(i + 1)));
			}
		}
		// One rater holds a live lease, another's lease expired and was swept.
		long live = rater.get("/api/rate/" + tokens.get(0) + "/next").json().path("assignmentId").asLong();
		long expired = rater.get("/api/rate/" + tokens.get(1) + "/next").json().path("assignmentId").asLong();
		jdbc.sql("update assignment set state = 'expired' where id = ?").param(expired).update();
		jdbc.sql("update task set leased = leased - 1 where id = (select task_id from assignment where id = ?)"
				+ " and attention_kind is null")
			.param(expired)
			.update();
		assertThat(live).isNotEqualTo(expired);
		long revoked = jdbc.sql("select max(id) from rater where study_id = ?").param(study).query(Long.class).single();
		admin.post("/api/studies/" + study + "/invites/" + revoked + "/revoke", "application/json", "");
		return new Campaign(study, tokens);
	}

	/** Answers to the study's two criteria, varied with the request's number. */
	private static Map<String, String> criteria(int i) {
		String[] choices = { "1", "2", "tie" };
		return Map.of("correctness", choices[i % 3], "style", choices[(i / 3) % 3]);
	}

	private static String token(JsonNode invite) {
		String url = invite.path("url").asString();
		return url.substring(url.lastIndexOf('/') + 1);
	}

}
