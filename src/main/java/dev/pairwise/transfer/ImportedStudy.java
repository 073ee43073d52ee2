package dev.pairwise.transfer;

import java.io.Serializable;

/**
 * What an import created: the new study and how much came with it. Serializable: it
 * reaches the study's page as a flash attribute, through the session store.
 */
record ImportedStudy(long id, String name, String evalSet, boolean evalSetCreated, int outputsAdded, int tasks,
		int raters, int judgments) implements Serializable {
}
