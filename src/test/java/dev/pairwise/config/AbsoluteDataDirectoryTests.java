package dev.pairwise.config;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AbsoluteDataDirectoryTests {

	@Test
	void aDataDirectoryRelativeToTheWorkingDirectoryGivesH2AnAbsolutePath() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application", Map.of("pairwise.data-dir", "data2", "spring.datasource.url",
					"jdbc:h2:file:${pairwise.data-dir}/pairwise;WRITE_DELAY=0")));

		new AbsoluteDataDirectory().postProcessEnvironment(environment, new SpringApplication());

		String absolute = Path.of("data2").toAbsolutePath().toString();
		assertThat(environment.getProperty("pairwise.data-dir")).isEqualTo(absolute);
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:" + absolute + "/pairwise;WRITE_DELAY=0");
	}

}
