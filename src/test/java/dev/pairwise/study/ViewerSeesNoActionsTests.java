package dev.pairwise.study;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A viewer is shown no button they would be refused: no study actions (open, close,
 * invite, revoke, delete, archive) and no upload or delete forms on the eval-set and
 * models pages, where a researcher sees them all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ViewerSeesNoActionsTests {

	private static final String PASSWORD = "a-long-password-1";

	private static final Pattern POST_FORM_ACTION = Pattern
		.compile("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\"");

	@LocalServerPort
	int port;

	@Test
	void aViewersPagesHaveNoFormsThatChangeSomethingWhereAResearchersDo() {
		WebSession admin = WebSession.basicAdmin(this.port);
		for (String role : List.of("viewer", "researcher")) {
			assertThat(admin
				.post("/api/accounts", "application/json",
						"{\"username\":\"actions-" + role + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role
								+ "\"}")
				.status()).isEqualTo(201);
		}
		Page created = admin.post("/api/studies", "application/json",
				"{\"name\":\"" + StudyFixture.uniqueName("actions")
						+ "\",\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\",\"base-demo\"],"
						+ "\"categories\":[\"creativity\"],\"settings\":[\"zero-shot\"]}");
		long draft = JsonMapper.builder().build().readTree(created.body()).get("id").asLong();
		admin.post("/api/studies/" + draft + "/invites", "application/json", "{\"count\":1}");
		WebSession viewer = WebSession.signedIn(this.port, "actions-viewer", PASSWORD);
		WebSession researcher = WebSession.signedIn(this.port, "actions-researcher", PASSWORD);
		String study = "/studies/" + draft;

		for (String page : List.of(study, "/eval-sets", "/models")) {
			assertThat(postForms(viewer.get(page).body())).as("viewer's forms on " + page).containsExactly("/logout");
		}
		assertThat(postForms(researcher.get(study).body())).contains(study + "/open", study + "/delete",
				study + "/invites");
		assertThat(postForms(researcher.get(study).body())).anyMatch((action) -> action.endsWith("/revoke"));
		assertThat(postForms(researcher.get("/eval-sets").body())).contains("/eval-sets",
				"/eval-sets/by-name/flan-style-190/delete");
		assertThat(postForms(researcher.get("/models").body())).contains("/models/outputs",
				"/eval-sets/by-name/flan-style-190/models/base-demo/delete");

		admin.post("/api/studies/" + draft + "/open", "application/json", "");
		assertThat(postForms(viewer.get(study).body())).containsExactly("/logout");
		assertThat(postForms(researcher.get(study).body())).contains(study + "/close");
	}

	/** The actions of the page's POST forms, in page order. */
	private static List<String> postForms(String html) {
		Matcher form = POST_FORM_ACTION.matcher(html);
		return form.results().map((match) -> match.group(1)).toList();
	}

}
