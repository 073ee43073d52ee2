package dev.pairwise.config;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code pairwise.data-dir} absolute before anything reads it. H2 refuses a
 * database URL whose path is relative to the working directory unless it starts with
 * {@code ./}, so {@code PAIRWISE_DATA_DIR=data2} would otherwise stop the app at
 * start-up.
 */
class AbsoluteDataDirectory implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "pairwise.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String directory = environment.getProperty(PROPERTY);
		if (directory != null && !directory.isBlank()) {
			String absolute = Path.of(directory).toAbsolutePath().normalize().toString();
			environment.getPropertySources()
				.addFirst(new MapPropertySource("absoluteDataDirectory", Map.of(PROPERTY, absolute)));
		}
	}

	/** After the application's own properties are loaded. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
