/**
 * Generation runs: asks an OpenAI-compatible endpoint (vLLM, llama.cpp's server, Ollama,
 * Text Generation Inference, hosted APIs) for samples of every item of an eval set with
 * their token log-probabilities, with bounded concurrency, retries and per-item state
 * that survives a restart, and hands them to {@code sampling} for selection. Writes
 * {@code generation_run} and {@code generation_item}.
 */
@ApplicationModule(allowedDependencies = { "evalset", "output", "sampling" })
package dev.pairwise.generation;

import org.springframework.modulith.ApplicationModule;
