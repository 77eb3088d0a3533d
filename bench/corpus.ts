// A deterministic corpus of Arabic news articles for the benchmark: realistic front matter and
// bodies of 4–12 paragraphs with headings, lists, links, Latin words and digits, ~3 KB each.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const WORDS = (
  "المغرب الرباط الدار البيضاء الحكومة البرلمان الاقتصاد الفلاحة التصدير الاستثمار الطاقة المتجددة " +
  "الصحة التعليم الجامعة الشباب الرياضة المنتخب الوطني الثقافة المهرجان الكتاب المعرض السياحة " +
  "الاتحاد الإفريقي الساحل مالي التعاون الأمن المؤتمر الاجتماع الوزير المدير البنك المركزي الأسعار " +
  "التضخم النمو المطر الموسم الفلاحي الماء السدود الطرق القطار الميناء طنجة مراكش فاس أكادير وجدة"
).split(" ");
const LATIN = ["OCP", "ONCF", "Tanger Med", "COP22", "BAM", "CAF", "ONU", "FMI", "PIB", "2030"];
const CATEGORIES = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "تقارير", "مجتمع", "دولي", "جهات"];
const TAGS = [
  "الساحل",
  "الفلاحة",
  "كرة القدم",
  "الطاقة",
  "التعليم",
  "الصحة",
  "السياحة",
  "الماء",
  "النقل",
  "الاستثمار",
  "البيئة",
  "الشباب",
];
const AUTHORS = [
  "سعاد العلوي",
  "يوسف بنعلي",
  "هيئة التحرير",
  "مريم الإدريسي",
  "عمر الفاسي",
  "نادية بنسعيد",
];

/** mulberry32: the same seed gives the same corpus on every machine. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function corpusArticle(index: number, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (words: number) =>
    Array.from({ length: words }, () => (random() < 0.08 ? pick(LATIN) : pick(WORDS))).join(" ");
  const date = new Date(
    Date.UTC(2015, 0, 1) + index * 37 * 60_000 + Math.floor(random() * 30) * 60_000,
  );
  const lines = [
    "---",
    `title: ${JSON.stringify(`${sentence(8)} ${index}`)}`,
    `date: ${date.toISOString().slice(0, 16)}`,
    `id: bench-${index}`,
    `slug: bench-${index}`,
    `category: ${pick(CATEGORIES)}`,
    `tags: [${[pick(TAGS), pick(TAGS)].join(", ")}]`,
    random() < 0.2 ? "source: ومع" : `author: ${pick(AUTHORS)}`,
    ...(random() < 0.5 ? [`summary: ${JSON.stringify(sentence(25))}`] : []),
    "---",
    "",
  ];
  const paragraphs = 4 + Math.floor(random() * 9);
  for (let p = 0; p < paragraphs; p++) {
    if (p === 2) lines.push(`## ${sentence(5)}`, "");
    if (p === 3 && random() < 0.5) {
      lines.push(
        `- ${sentence(6)}`,
        `- ${sentence(7)}`,
        `- ${sentence(5)} ${Math.floor(random() * 1000)}`,
        "",
      );
    }
    const link =
      random() < 0.3 ? ` [${pick(WORDS)}](../bench-${Math.floor(random() * (index + 1))}/)` : "";
    lines.push(`${sentence(14 + Math.floor(random() * 16))}${link}.`, "");
  }
  return lines.join("\n");
}

/** Writes `count` articles and a site config into `root`; returns the config's path. */
export async function writeCorpus(root: string, count: number, seed = 5005): Promise<string> {
  const random = seeded(seed);
  const articles = path.join(root, "articles");
  for (let folder = 0; folder * 1000 < count; folder++) {
    await mkdir(path.join(articles, String(folder)), { recursive: true });
  }
  for (let index = 0; index < count; index++) {
    await writeFile(
      path.join(articles, String(Math.floor(index / 1000)), `a${index}.md`),
      corpusArticle(index, random),
    );
  }
  const config = {
    baseUrl: "https://bench.example/",
    defaultLanguage: "ar-MA",
    timeZone: "Africa/Casablanca",
    since: "2015",
    languages: { "ar-MA": { title: "نشرة", description: "مدونة الاختبار" } },
  };
  const file = path.join(root, "nashra.config.json");
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
