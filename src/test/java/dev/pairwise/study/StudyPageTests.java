package dev.pairwise.study;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin's study pages: the form with its live task count, state changes and invite
 * links.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@WithMockUser(roles = { "RESEARCHER", "VIEWER" })
class StudyPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void thePreviewCountsTasksAsTheFormIsFilledIn() throws Exception {
		long set = flanSet();
		this.mvc
			.perform(get("/studies/preview").param("evalSetId", String.valueOf(set))
				.param("name", "preview")
				.param("models", "instruction-tuned-demo", "base-demo")
				.param("ratingsPerTask", "4")
				.param("categories", "explanation")
				.param("attentionCheckPercent", "10"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tasks").value(46))
			.andExpect(jsonPath("$.judgmentsNeeded").value(184))
			.andExpect(jsonPath("$.attentionChecks").value(5));
		this.mvc.perform(get("/studies/preview").param("evalSetId", String.valueOf(set)).param("name", "x"))
			.andExpect(jsonPath("$.errors[0].field").value("models"));
	}

	@Test
	void theFormCreatesADraftWithTheChosenFocalModelFirst() throws Exception {
		String location = this.mvc
			.perform(post("/studies").with(csrf())
				.param("evalSetId", String.valueOf(flanSet()))
				.param("name", "form study")
				.param("models", "base-demo", "instruction-tuned-demo")
				.param("focal", "instruction-tuned-demo")
				.param("pairing", "all-pairs")
				.param("ratingsPerTask", "2")
				.param("scale", "graded")
				.param("attentionCheckPercent", "0"))
			.andExpect(redirectedUrlPattern("/studies/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("190 tasks × 2 judgments = 380")))
			.andExpect(content().string(containsString("(instruction-tuned-demo is the focal model)")))
			.andExpect(content().string(containsString("rater links answer only once it is open")));
	}

	@Test
	void aRefusedFormShowsEachProblem() throws Exception {
		this.mvc
			.perform(post("/studies").with(csrf())
				.param("evalSetId", String.valueOf(flanSet()))
				.param("name", "")
				.param("models", "base-demo"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name: is required")))
			.andExpect(content().string(containsString("models: needs at least two models")));
	}

	@Test
	void invitesDownloadAsCsvOnceAndCanBeRevoked() throws Exception {
		long study = this.jdbc.sql("select id from study where name = 'Flan-style demo'").query(Long.class).single();
		String csv = this.mvc
			.perform(post("/studies/" + study + "/invites").with(csrf())
				.param("count", "3")
				.param("label", "crowd")
				.param("quota", "40")
				.param("format", "csv"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String[] lines = csv.strip().split("\r\n");
		assertThat(lines).hasSize(4);
		assertThat(lines[0]).isEqualTo("rater_id,label,quota,url");
		assertThat(lines[1]).matches("\\d+,crowd-\\d\\d,40,http://localhost/r/[A-Za-z0-9_-]{32}");
		long raterId = Long.parseLong(lines[1].split(",")[0]);
		this.mvc.perform(post("/studies/" + study + "/invites/" + raterId + "/revoke").with(csrf()))
			.andExpect(redirectedUrlPattern("/studies/*"));
		assertThat(this.jdbc.sql("select revoked_at is not null from rater where id = ?")
			.param(raterId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	private long flanSet() {
		return this.jdbc.sql("select id from eval_set where name = 'flan-style-190'").query(Long.class).single();
	}

}
