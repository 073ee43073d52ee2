package dev.pairwise.transfer;

import java.io.IOException;
import java.io.InputStream;

import dev.pairwise.config.PairwiseProperties;
import dev.pairwise.importing.ImportRejectedException;
import dev.pairwise.importing.Upload;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import form of the studies page; the export is a download link to the API on each
 * study's page.
 */
@Controller
class TransferController {

	private final StudyImporter importer;

	private final PairwiseProperties properties;

	TransferController(StudyImporter importer, PairwiseProperties properties) {
		this.importer = importer;
		this.properties = properties;
	}

	@PostMapping("/studies/import")
	String importBundle(@RequestParam("bundle") MultipartFile file, RedirectAttributes redirect) throws IOException {
		String fileName = (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) ? "bundle.json"
				: file.getOriginalFilename();
		try (InputStream input = file.getInputStream()) {
			ImportedStudy imported = this.importer.importBundle(Upload.of(fileName, input,
					this.properties.uploads().maxBytes(), this.properties.uploads().maxLine()));
			redirect.addFlashAttribute("imported", imported);
			return "redirect:/studies/" + imported.id();
		}
		catch (ImportRejectedException ex) {
			redirect.addFlashAttribute("importErrors", ex.describeErrors());
			return "redirect:/studies";
		}
	}

}
