package dev.connector.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's connector-test examples are copied from the tests that run: every line of
 * each Java example appears, in order, in one test source (lines may be left out, none
 * added or changed).
 */
class ReadmeExamplesTest {

	private static final Path README = Path.of("..", "README.md");

	private static final Path EXAMPLES = Path.of("src", "test", "java", "com", "example", "payments");

	@Test
	void everyJavaExampleOfTheTestingSectionIsCopiedFromATest() throws IOException {
		String readme = Files.readString(README);
		int start = readme.indexOf("## Testing with `connector-test`");
		assertThat(start).as("README section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		String section = readme.substring(start, (end < 0) ? readme.length() : end);
		List<List<String>> examples = javaBlocks(section);
		assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
		List<List<String>> sources = new ArrayList<>();
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			for (Path file : files.toList()) {
				sources.add(lines(Files.readString(file)));
			}
		}
		for (List<String> example : examples) {
			assertThat(sources).as("a test source holding the README example starting %s", example.get(0))
				.anySatisfy((source) -> assertThat(isSubsequence(example, source)).isTrue());
		}
	}

	private static List<List<String>> javaBlocks(String text) {
		List<List<String>> blocks = new ArrayList<>();
		int from = 0;
		while ((from = text.indexOf("```java\n", from)) >= 0) {
			int close = text.indexOf("\n```", from);
			blocks.add(lines(text.substring(from + "```java\n".length(), close)));
			from = close + 4;
		}
		return blocks;
	}

	private static List<String> lines(String text) {
		return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static boolean isSubsequence(List<String> example, List<String> source) {
		int i = 0;
		for (String line : source) {
			if (i < example.size() && example.get(i).equals(line)) {
				i++;
			}
		}
		return i == example.size();
	}

}
