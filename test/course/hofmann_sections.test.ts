/**
 * Hofmann's two documents in the course map, one notebook per section: Lecture 1's sixteen sections and the Deep
 * Learning notes' three §1 sections each have their own notebook (in the lecture's order), the notes' §2 entries point
 * at the Lecture 1 notebooks, every erratum names a notebook with an Erratum box, and each source meets the
 * course-style bar that can be read off the text: a title citing Hofmann, ≥ 600 words of prose, a figure, checks,
 * 3–6 exercises with hints, a summary. (Whether the notebooks run is test/notebooks/notebooks.test.ts.)
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readCourseMap } from "../../kernel/course/course_map";
import { COURSE_MAP, sourceOf } from "../../kernel/course/layout";
import { readSource } from "../../kernel/course/nb_source";

const ROOT = join(__dirname, "..", "..");
const map = readCourseMap(join(ROOT, COURSE_MAP));
const lecture = (id: string) => {
  const l = map.lectures.find((x) => x.id === id);
  assert.ok(l, `${id} is in the map`);
  return l;
};

const LECTURE_1 = [
  "convolution-operators",
  "discrete-convolution",
  "cross-correlation",
  "convolution-as-matrix",
  "higher-dimensions-and-borders",
  "receptive-fields-and-weight-sharing",
  "fft-convolution",
  "pooling",
  "strides",
  "channels",
  "pyramid-and-lenet5",
  "alexnet-and-challenges",
  "vgg-and-1x1",
  "inception-and-resnet",
  "cnns-for-text",
  "dynamic-k-max-pooling",
];
const NOTES_1 = ["neural-networks", "gradient-descent-and-sgd", "backpropagation-and-jacobians"];
const nn = (i: number) => String(i + 1).padStart(2, "0");
const l1Notebook = (i: number) => `notebooks/hofmann-lecture-1/${nn(i)}-${LECTURE_1[i]}.ipynb`;
const dlNotebook = (i: number) => `notebooks/hofmann-deep-learning/${nn(i)}-${NOTES_1[i]}.ipynb`;
const ALL = [...LECTURE_1.map((_, i) => l1Notebook(i)), ...NOTES_1.map((_, i) => dlNotebook(i))];

/** Words of prose: markdown cells without display math, inline math and code spans. */
function proseWords(md: string): number {
  const text = md
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\$[^$\n]*\$/g, " ")
    .replace(/`[^`]*`/g, " ");
  return text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;
}

describe("Hofmann's documents: one notebook per section", () => {
  it("Lecture 1 lists its sixteen sections in the lecture's order, each with its own notebook", () => {
    const l1 = lecture("hofmann-lecture-1");
    assert.deepEqual(
      l1.sections.map((s) => s.id),
      LECTURE_1,
    );
    assert.deepEqual(
      l1.sections.map((s) => s.notebook),
      LECTURE_1.map((_, i) => l1Notebook(i)),
    );
  });

  it("the Deep Learning notes list §1's three sections, then §2's sections pointing at the Lecture 1 notebooks", () => {
    const dl = lecture("hofmann-deep-learning");
    assert.deepEqual(
      dl.sections.slice(0, 3).map((s) => [s.id, s.notebook]),
      NOTES_1.map((id, i) => [id, dlNotebook(i)]),
    );
    const part2 = dl.sections.slice(3);
    assert.ok(part2.length >= 10, `found ${part2.length} §2 entries`);
    const l1 = new Set(LECTURE_1.map((_, i) => l1Notebook(i)));
    for (const s of part2) {
      assert.match(s.number, /^§2\b/, `${s.id}: a §2 number`);
      assert.ok(l1.has(s.notebook), `${s.id} points at a Lecture 1 notebook, got ${s.notebook}`);
    }
  });

  it("every notebook and its source exist", () => {
    for (const nb of ALL) {
      assert.ok(existsSync(join(ROOT, nb)), nb);
      assert.ok(existsSync(join(ROOT, sourceOf(nb))), sourceOf(nb));
    }
  });

  it("every Hofmann erratum names one of these notebooks, and that notebook has an Erratum box", () => {
    const errata = [...(lecture("hofmann-lecture-1").errata ?? []), ...(lecture("hofmann-deep-learning").errata ?? [])];
    assert.ok(errata.length >= 10, `found ${errata.length} errata`);
    for (const e of errata) {
      assert.ok(ALL.includes(e.notebook), `${e.at}: ${e.notebook}`);
      assert.match(
        readFileSync(join(ROOT, sourceOf(e.notebook)), "utf8"),
        /\*\*Erratum/,
        `${e.notebook} has an Erratum box for ${e.at}`,
      );
    }
  });

  for (const nb of ALL) {
    it(`${nb} meets the course-style bar that the source shows`, () => {
      const cells = readSource(join(ROOT, sourceOf(nb)), sourceOf(nb));
      const md = cells.filter((c) => c.kind === "md").map((c) => c.text);
      const code = cells
        .filter((c) => c.kind === "code")
        .map((c) => c.text)
        .join("\n");
      assert.match(
        md[0],
        /^# .+\n\n\*Hofmann, (Lecture 1: Convolutional Neural Networks|Deep Learning \(notes\)), /,
        "title, then Hofmann cited by title and section",
      );
      assert.match(md.join("\n"), /\*\*What you will learn\*\*/);
      const words = md.reduce((s, t) => s + proseWords(t), 0);
      assert.ok(words >= 600, `${words} words of prose`);
      assert.match(
        code,
        /cl\.(show|showFeatureMaps|showFilters|plot|showMatrix|showConvolution|liveplot)\(/,
        "at least one figure",
      );
      assert.ok((code.match(/cl\.check\.(close|equal|shape|isTrue)\(/g) ?? []).length >= 5, "at least five checks");
      const exercises = md.find((t) => t.includes("## Exercises"));
      assert.ok(exercises, "an Exercises section");
      const items = exercises
        .slice(exercises.indexOf("## Exercises"))
        .split("\n")
        .filter((l) => /^\d+\. /.test(l)).length;
      const hints = (exercises.match(/\*Hint:\*/g) ?? []).length;
      assert.ok(items >= 3 && items <= 6 && hints === items, `${items} exercises, ${hints} hints`);
      assert.match(md.join("\n"), /## Summary/);
      const solutions = join(ROOT, "instructor/exercises", nb.replace(/^notebooks\//, "").replace(/\.ipynb$/, ".md"));
      assert.ok(existsSync(solutions), `solutions at ${solutions}`);
    });
  }
});
