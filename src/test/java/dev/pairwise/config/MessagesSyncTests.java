package dev.pairwise.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every interface string exists in English and in Simplified Chinese. */
class MessagesSyncTests {

	@Test
	void englishAndChineseHaveTheSameKeys() throws IOException {
		Set<String> english = keys("/messages.properties");
		Set<String> chinese = keys("/messages_zh_CN.properties");
		assertThat(chinese).as("keys missing from messages_zh_CN.properties")
			.containsAll(english)
			.as("keys only in messages_zh_CN.properties")
			.hasSameSizeAs(english);
	}

	@Test
	void noMessageIsEmpty() throws IOException {
		for (String file : new String[] { "/messages.properties", "/messages_zh_CN.properties" }) {
			Properties properties = load(file);
			for (String key : properties.stringPropertyNames()) {
				assertThat(properties.getProperty(key)).as(file + " " + key).isNotBlank();
			}
		}
	}

	private static Set<String> keys(String file) throws IOException {
		return new TreeSet<>(load(file).stringPropertyNames());
	}

	private static Properties load(String file) throws IOException {
		Properties properties = new Properties();
		try (InputStream input = MessagesSyncTests.class.getResourceAsStream(file)) {
			properties.load(new InputStreamReader(input, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
