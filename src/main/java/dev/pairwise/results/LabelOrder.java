package dev.pairwise.results;

import java.util.Comparator;

/**
 * Orders judges' labels as a person reads them: a run of digits by its number, so that r2
 * comes before r10, the rest character by character. Labels that differ only in leading
 * zeros (r01, r1) fall back to their text order, so no two labels compare equal.
 */
final class LabelOrder implements Comparator<String> {

	static final Comparator<String> NATURAL = new LabelOrder();

	private LabelOrder() {
	}

	@Override
	public int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
				int endA = endOfDigits(a, i);
				int endB = endOfDigits(b, j);
				int byNumber = compareNumbers(a.substring(i, endA), b.substring(j, endB));
				if (byNumber != 0) {
					return byNumber;
				}
				i = endA;
				j = endB;
			}
			else {
				if (a.charAt(i) != b.charAt(j)) {
					return Character.compare(a.charAt(i), b.charAt(j));
				}
				i++;
				j++;
			}
		}
		int byRest = Integer.compare(a.length() - i, b.length() - j);
		return (byRest != 0) ? byRest : a.compareTo(b);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int endOfDigits(String s, int from) {
		int end = from;
		while (end < s.length() && isDigit(s.charAt(end))) {
			end++;
		}
		return end;
	}

	/** Numbers of any length, compared without parsing them. */
	private static int compareNumbers(String a, String b) {
		String x = stripLeadingZeros(a);
		String y = stripLeadingZeros(b);
		return (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
	}

	private static String stripLeadingZeros(String digits) {
		int first = 0;
		while (first < digits.length() - 1 && digits.charAt(first) == '0') {
			first++;
		}
		return digits.substring(first);
	}

}
