package dev.connector.autoconfigure;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference in the README agrees with the generated configuration
 * metadata: every key it lists exists, and every built-in default it states is the one in
 * the metadata (which the build takes from the settings records). The metadata is the
 * complete reference; the table need not list every key.
 */
class ConfigurationReferenceTest {


	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void everyKeyInTheReferenceExists() throws Exception {
		Set<String> names = ConfigurationMetadataTest.properties().keySet();
		assertThat(rows()).isNotEmpty()
			.flatExtracting(Row::keys)
			.allSatisfy((key) -> assertThat(names).as("README key").contains(key));
	}

	@Test
	void everyKeyIsInTheReference() throws Exception {
		Set<String> documented = rows().stream().flatMap((row) -> row.keys().stream()).collect(Collectors.toSet());
		// connector.clients is the map of clients, which the table's introduction explains
		assertThat(ConfigurationMetadataTest.properties().keySet())
			.filteredOn((name) -> name.startsWith("connector.") && !name.equals("connector.clients"))
			.allSatisfy((name) -> assertThat(documented).as("README row for %s", name).contains(name));
	}

	@Test
	void everyDefaultInTheReferenceIsTheBuiltInOne() throws Exception {
		Map<String, JsonNode> properties = ConfigurationMetadataTest.properties();
		for (Row row : rows()) {
			List<String> defaults = row.defaults();
			for (int i = 0; i < row.keys().size(); i++) {
				JsonNode property = properties.get(row.keys().get(i));
				assertThat(property).as(row.keys().get(i)).isNotNull();
				assertThat(sameDefault(defaults.get(i), property)).as("README default of %s is %s, metadata says %s",
						row.keys().get(i), defaults.get(i), property.get("defaultValue"))
					.isTrue();
			}
		}
	}

	private static boolean sameDefault(String documented, JsonNode property) {
		JsonNode metadata = property.get("defaultValue");
		if (documented == null || metadata == null) {
			return documented == null && metadata == null;
		}
		String type = property.path("type").asText();
		if (metadata.isArray()) {
			Set<String> values = StreamSupport.stream(metadata.spliterator(), false)
				.map(JsonNode::asText)
				.collect(Collectors.toSet());
			return values.equals(Arrays.stream(documented.replaceAll("[\\[\\]]", "").split(","))
				.map(String::trim)
				.collect(Collectors.toSet()));
		}
		if (type.equals("java.time.Duration")) {
			return DurationStyle.detectAndParse(documented).equals(DurationStyle.detectAndParse(metadata.asText()));
		}
		if (type.equals(DataSize.class.getName())) {
			return DataSize.parse(documented).equals(DataSize.parse(metadata.asText()));
		}
		if (metadata.isNumber()) {
			return new BigDecimal(documented).compareTo(metadata.decimalValue()) == 0;
		}
		return documented.equalsIgnoreCase(metadata.asText());
	}

	/**
	 * The repository's README, in the nearest directory above the module's that holds
	 * {@code connector-core}: one level up from this module, two from the Boot 4 module,
	 * which runs these tests too.
	 */
	private static Path readme() {
		Path module = Path.of("").toAbsolutePath();
		for (Path dir = module; dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("connector-core"))) {
				return dir.resolve("README.md");
			}
		}
		throw new IllegalStateException("No repository root (with connector-core) above " + module);
	}

	/**
	 * The rows of the reference table: each names one or more keys, and states their
	 * defaults in order (backticked when there are several).
	 */
	private static List<Row> rows() throws IOException {
		String readme = Files.readString(readme());
		int start = readme.indexOf("## Configuration reference");
		String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
		List<Row> rows = new ArrayList<>();
		for (String line : section.lines().filter((line) -> line.startsWith("| `")).toList()) {
			String[] cells = line.split("\\|");
			List<String> keys = codes(cells[1]).stream().map(ConfigurationReferenceTest::propertyName).toList();
			rows.add(new Row(keys, defaults(cells[2].trim(), keys.size())));
		}
		return rows;
	}

	private static String propertyName(String key) {
		if (key.startsWith("connector.") || key.startsWith("management.")) {
			return key;
		}
		return ConfigurationMetadataDefaults.PREFIX + (key.startsWith("headers.") ? "headers" : key);
	}

	private static List<String> defaults(String cell, int keys) {
		if (cell.startsWith("—") || cell.startsWith("unset") || cell.startsWith("(")) {
			return new ArrayList<>(Collections.nCopies(keys, null));
		}
		List<String> values = cell.contains("`") ? codes(cell) : List.of(cell);
		assertThat(values).as("defaults in '%s' for %d keys", cell, keys).hasSize(keys);
		return values;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	private record Row(List<String> keys, List<String> defaults) {

	}

}
