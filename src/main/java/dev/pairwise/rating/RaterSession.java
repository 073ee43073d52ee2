package dev.pairwise.rating;

import dev.pairwise.study.Rater;
import dev.pairwise.study.Study;

/** A resolved invite: the rater and the study their token opens. */
record RaterSession(Rater rater, Study study) {
}
