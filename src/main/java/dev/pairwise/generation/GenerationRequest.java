package dev.pairwise.generation;

import java.net.URI;

import dev.pairwise.output.Outputs;
import dev.pairwise.sampling.SelectionRule;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A run as asked for, by the API's JSON or the page's form; {@link #validate()} names the
 * first field that is wrong.
 */
record GenerationRequest(String evalSet, String model, EndpointJson endpoint, Integer samples, Double temperature,
		Integer maxTokens, String selection) {

	static final int MAX_SAMPLES = 20;

	GenerationCommand validate() {
		require(this.evalSet != null && !this.evalSet.isBlank(), "evalSet", "is required");
		String modelProblem = Outputs.modelNameProblem(this.model);
		require(modelProblem == null, "model", modelProblem);
		require(this.endpoint != null, "endpoint", "is required: {\"baseUrl\", \"api\", \"model\", \"apiKey\"}");
		require(httpUrl(this.endpoint.baseUrl()), "endpoint.baseUrl",
				"must be an http(s) URL such as http://localhost:8000/v1");
		String api = (this.endpoint.api() == null) ? "chat" : this.endpoint.api();
		require(api.equals("chat") || api.equals("completions"), "endpoint.api", "must be chat or completions");
		require(this.endpoint.model() != null && !this.endpoint.model().isBlank(), "endpoint.model",
				"is required: the model name the endpoint serves");
		int n = (this.samples == null) ? 5 : this.samples;
		require(n >= 1 && n <= MAX_SAMPLES, "samples", "must be between 1 and " + MAX_SAMPLES);
		double t = (this.temperature == null) ? 0.7 : this.temperature;
		require(t >= 0 && t <= 2, "temperature", "must be between 0 and 2");
		int tokens = (this.maxTokens == null) ? 512 : this.maxTokens;
		require(tokens >= 1 && tokens <= 100_000, "maxTokens", "must be between 1 and 100000");
		SelectionRule rule = SelectionRule.of((this.selection == null) ? "flan" : this.selection);
		require(rule != null, "selection", "must be one of " + SelectionRule.ids());
		String key = (this.endpoint.apiKey() == null || this.endpoint.apiKey().isBlank()) ? null
				: this.endpoint.apiKey().strip();
		require(key == null || key.length() <= 2000, "endpoint.apiKey", "is longer than 2000 characters");
		return new GenerationCommand(this.evalSet, this.model,
				new Endpoint(this.endpoint.baseUrl().strip(), api, this.endpoint.model().strip(), key), n, t, tokens,
				rule);
	}

	private static boolean httpUrl(String url) {
		if (url == null || url.length() > 2000) {
			return false;
		}
		try {
			URI uri = URI.create(url.strip());
			return (uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void require(boolean valid, String field, String problem) {
		if (!valid) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "field '" + field + "' " + problem);
		}
	}

	record EndpointJson(String baseUrl, String api, String model, String apiKey) {

		@Override
		public String toString() {
			return "EndpointJson[" + this.baseUrl + ", " + this.api + ", " + this.model + "]";
		}

	}

}
