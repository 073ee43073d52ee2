package dev.pairwise.evalset;

import java.util.List;

import dev.pairwise.evalset.ItemView.Exemplar;

/**
 * What a model is asked for one item: its prompt, in its setting, with its exemplars
 * (few-shot); {@code id} is the item's database id.
 */
public record ItemPrompt(long id, String key, String setting, String prompt, List<Exemplar> exemplars) {

}
