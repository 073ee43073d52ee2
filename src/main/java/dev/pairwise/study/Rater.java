package dev.pairwise.study;

/** A rater of one study, known by the invite link they were given. */
public record Rater(long id, long studyId, String label, Integer quota, boolean revoked, int salt) {
}
