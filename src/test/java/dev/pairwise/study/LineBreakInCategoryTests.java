package dev.pairwise.study;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A study keeps its categories one a line, so a category holding a line break would come
 * back as two: such a name is refused where it enters, as an item's category and as a
 * study's, with a 400 naming the field.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LineBreakInCategoryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anItemsCategoryWithALineBreakIsALineErrorAndNoSetIsStored() {
		String set = StudyFixture.uniqueName("newline").replaceAll("[^A-Za-z0-9]+", "-");
		Page refused = WebSession.basicAdmin(this.port)
			.post("/api/eval-sets?name=" + set + "&version=1", "application/x-ndjson",
					"{\"id\":\"q1\",\"category\":\"one\\ntwo\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"line\":1", "\"field\":\"category\"",
				"contains a control character (U+000A) such as a line break or a tab; a name is one line of text");
		assertThat(
				this.jdbc.sql("select count(*) from eval_set where name = ?").param(set).query(Integer.class).single())
			.isZero();
	}

	@Test
	void aStudysCategoryWithALineBreakIsRefusedNamingTheFieldAndNoStudyIsStored() {
		String name = StudyFixture.uniqueName("newline study");
		Page refused = WebSession.basicAdmin(this.port)
			.post("/api/studies", "application/json", "{\"name\":\"" + name
					+ "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\","
					+ "\"base-demo\"],\"categories\":[\"creativity\\nreasoning\"],\"settings\":[\"zero-shot\"]}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).toString()).contains("categories")
			.contains(
					"contains a control character (U+000A) such as a line break or a tab; a name is one line of text");
		assertThat(this.jdbc.sql("select count(*) from study where name = ?").param(name).query(Integer.class).single())
			.isZero();
	}

}
