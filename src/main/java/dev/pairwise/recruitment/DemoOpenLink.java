package dev.pairwise.recruitment;

import dev.pairwise.study.PublicUrl;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Gives the demo study an open recruitment link, on which each visitor gets a rater of
 * their own (a shared rater link would hand everyone the same task), makes it the link
 * the start page shows, and prints it at every start while the study is open. A demo
 * study made before open links existed gets one at its next start.
 */
@Component
@Order(3)
class DemoOpenLink implements ApplicationRunner {

	static final int TASKS_PER_VISITOR = 20;

	static final String COMPLETION_CODE = "DEMO";

	private static final Logger log = LoggerFactory.getLogger(DemoOpenLink.class);

	private final Studies studies;

	private final Recruitment recruitment;

	private final PublicUrl publicUrl;

	private final Environment environment;

	DemoOpenLink(Studies studies, Recruitment recruitment, PublicUrl publicUrl, Environment environment) {
		this.studies = studies;
		this.recruitment = recruitment;
		this.publicUrl = publicUrl;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		Study demo = this.studies.demo().orElse(null);
		if (demo == null || !demo.isOpen()) {
			return;
		}
		RecruitmentLink link = this.recruitment.linkOf(demo.id()).orElseGet(() -> open(demo));
		String path = "/join/" + link.slug();
		if (!path.equals(demo.demoInviteUrl())) {
			this.studies.setDemoLink(demo.id(), path);
		}
		if (RecruitmentLink.ACTIVE.equals(link.state())) {
			log.info("""

					  Demo study '{}' is open. Each visitor of this link rates as a rater of their own:
					  {}
					""", demo.name(), link.url(baseUrl()));
		}
	}

	private RecruitmentLink open(Study demo) {
		return this.recruitment.configure(demo.id(), new RecruitmentCommand("open", null, null, TASKS_PER_VISITOR, null,
				COMPLETION_CODE, null, null, null, null, null, null, null, null, null));
	}

	private String baseUrl() {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return this.publicUrl.base("http://localhost:" + port);
	}

}
