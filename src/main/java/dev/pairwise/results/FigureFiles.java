package dev.pairwise.results;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;

import org.apache.batik.transcoder.Transcoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.fop.svg.PDFTranscoder;

/**
 * The results figure as PNG and PDF, transcoded with Apache Batik from the very SVG the
 * page shows and {@code results.svg} serves, so that every query option gives the same
 * figure in every format. The PNG is drawn at {@link #PNG_SCALE} times the SVG's size,
 * for print; the PDF keeps the figure's text as text (searchable, sharp at any zoom), set
 * in the PDF standard fonts, which cover Latin scripts only.
 */
final class FigureFiles {

	/** 2× the SVG's pixel size: 1,800 px wide, 300 dpi at a 6-inch column. */
	static final int PNG_SCALE = 2;

	private FigureFiles() {
	}

	/**
	 * @param svg the figure
	 * @param width the SVG's width in pixels, which the PNG doubles
	 */
	static byte[] png(String svg, int width) {
		PNGTranscoder png = new PNGTranscoder();
		png.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) (width * PNG_SCALE));
		png.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, java.awt.Color.WHITE);
		return transcode(png, svg);
	}

	static byte[] pdf(String svg) {
		return transcode(new PDFTranscoder(), svg);
	}

	private static byte[] transcode(Transcoder transcoder, String svg) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
		try {
			transcoder.transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(bytes));
		}
		catch (TranscoderException ex) {
			throw new IllegalStateException("The results figure could not be transcoded: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

}
