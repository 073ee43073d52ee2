package dev.pairwise.generation;

/**
 * An OpenAI-compatible endpoint: its base URL (up to and including {@code /v1}), which
 * API to call ({@code chat} or {@code completions}), the model name it serves, and an API
 * key (or null).
 */
record Endpoint(String baseUrl, String api, String model, String apiKey) {

	boolean chat() {
		return "chat".equals(this.api);
	}

	/** No key in any text made from this record. */
	@Override
	public String toString() {
		return "Endpoint[" + this.baseUrl + ", " + this.api + ", " + this.model + "]";
	}

}
