package dev.pairwise.evalset;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin's eval-set pages: upload with errors shown in place, and browsing rendered
 * prompts.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@WithMockUser(roles = { "RESEARCHER", "VIEWER" })
class EvalSetPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRefusedUploadListsEachProblemAndKeepsWhatWasTyped() throws Exception {
		MockMultipartFile items = new MockMultipartFile("items", "mine.jsonl", "application/x-ndjson",
				"{\"id\":\"a\",\"category\":\"c\",\"setting\":\"zero-shot\"}\n".getBytes(StandardCharsets.UTF_8));
		this.mvc
			.perform(multipart("/eval-sets").file(items).param("name", "page-set").param("version", "7").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("mine.jsonl, line 1, field &#39;prompt&#39;: required field is missing")))
			.andExpect(content().string(containsString("value=\"page-set\"")));
		assertThat(this.jdbc.sql("select count(*) from eval_set where name = 'page-set'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void anAcceptedUploadOpensTheNewSetWithItsPromptsRenderedSafely() throws Exception {
		String line = "{\"id\":\"x-1\",\"category\":\"c\",\"setting\":\"few-shot\",\"prompt\":\"Say **hi** <script>alert(1)</script>\","
				+ "\"exemplars\":[{\"input\":\"in\",\"output\":\"out\"}]}\n";
		MockMultipartFile items = new MockMultipartFile("items", "ok.jsonl", "application/x-ndjson",
				line.getBytes(StandardCharsets.UTF_8));
		String location = this.mvc
			.perform(multipart("/eval-sets").file(items).param("name", "page-ok").param("version", "1").with(csrf()))
			.andExpect(redirectedUrlPattern("/eval-sets/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("Say <strong>hi</strong> &lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(not(containsString("<script>alert(1)"))))
			.andExpect(content().string(containsString("1 few-shot exemplars")));
	}

	@Test
	void browsingFiltersByCategoryAndSetting() throws Exception {
		long id = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'").query(Long.class).single();
		this.mvc.perform(get("/eval-sets/" + id).param("category", "planning").param("setting", "zero-shot-cot"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("20 matching")))
			.andExpect(content().string(containsString("planning-01-cot")))
			.andExpect(content().string(not(containsString("creativity-01"))));
	}

}
