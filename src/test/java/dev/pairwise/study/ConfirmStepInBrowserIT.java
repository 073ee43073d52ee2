package dev.pairwise.study;

import java.util.Map;

import dev.pairwise.testsupport.Browser;
import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser, revoking a link, closing and archiving a study each ask first: the
 * question is shown, and declining it changes nothing; agreeing does the change.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.Required.class)
class ConfirmStepInBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void revokeCloseAndArchiveAskFirstAndDecliningChangesNothing() {
		StudyFixture fixture = new StudyFixture(HttpTestClient.admin(this.port));
		long study = fixture.createOpenStudy(StudyFixture.uniqueName("confirm"), Map.of());
		fixture.invite(study, 1, null);
		try (Browser browser = Browser.open(this.port, "confirm")) {
			browser.signIn().get("/studies/" + study);

			browser.find("form[action$='/revoke'] button").click();
			browser.find("form[action$='/close'] button").click();
			assertThat(browser.probe().get("dialogs")).containsExactly(
					"confirm: Revoke this link? The rater can no longer use it; this cannot be undone.",
					"confirm: Close this study? Raters can no longer rate it (you can open it again).");
			assertThat(count("select count(*) from rater where study_id = ? and revoked_at is not null", study))
				.isZero();
			assertThat(state(study)).isEqualTo("open");

			browser.script("window.confirm = () => true;");
			browser.find("form[action$='/close'] button").click();
			browser.waitUntil("the study is closed", (page) -> !page.findAll("form[action$='/archive']").isEmpty());
			assertThat(state(study)).isEqualTo("closed");

			browser.find("form[action$='/archive'] button").click();
			assertThat(browser.probe().get("dialogs")).hasSize(1).allMatch((dialog) -> dialog.startsWith("confirm: "));
			assertThat(count("select count(*) from study where id = ? and archived_at is not null", study)).isZero();
		}
	}

	private String state(long study) {
		return this.jdbc.sql("select state from study where id = ?").param(study).query(String.class).single();
	}

	private int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

}
