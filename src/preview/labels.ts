// The few words of the preview page itself, in the language of the feed they stand beside.
import { primarySubtag } from "../locale/language.js";

export interface Labels {
  heading: string;
  subscribe: string;
  sections: string;
  empty: string;
  notWritten: string;
  by: string;
  /** Between names: the Arabic comma in Arabic. */
  and: string;
  footer: string;
}

const LABELS: Record<string, Labels> = {
  ar: {
    heading: "معاينة الخلاصات",
    subscribe: "اشترك",
    sections: "خلاصات الأقسام",
    empty: "لا مقال منشور في هذه الخلاصة بعد.",
    notWritten: "لم تُكتب هذه الخلاصة بعد: شغّل nashra build أو nashra start.",
    by: "بقلم",
    and: "، ",
    footer: "معاينة محلية من nashra: تتحدث الصفحة كلما تغيرت الخلاصات.",
  },
  fr: {
    heading: "Aperçu des flux",
    subscribe: "S’abonner",
    sections: "Flux des rubriques",
    empty: "Aucun article publié dans ce flux pour l’instant.",
    notWritten: "Ce flux n’est pas encore écrit : lancez nashra build ou nashra start.",
    by: "par",
    and: ", ",
    footer: "Aperçu local de nashra : la page se met à jour quand les flux changent.",
  },
  en: {
    heading: "Feed preview",
    subscribe: "Subscribe",
    sections: "Section feeds",
    empty: "No article is published in this feed yet.",
    notWritten: "This feed is not written yet: run nashra build or nashra start.",
    by: "by",
    and: ", ",
    footer: "A local preview by nashra: the page updates when the feeds change.",
  },
};

export function labelsFor(lang: string): Labels {
  return LABELS[primarySubtag(lang)] ?? (LABELS.en as Labels);
}
