package dev.pairwise.evalset;

import java.nio.file.Path;

/**
 * Published at start-up for every eval-set folder whose set is in the database, whether
 * it was loaded now or earlier, so that other features can pick up files beside it.
 */
public record EvalSetFolderLoaded(EvalSetRef evalSet, Path folder) {
}
