package dev.pairwise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PairwiseApplication {

	public static void main(String[] args) {
		SpringApplication.run(PairwiseApplication.class, args);
	}

}
