/** A document as the discovery engines see it: plain data, no storage concerns. */
export interface DiscoveryDoc {
  /** Article id (integer). */
  id: number;
  title: string;
  /** Body or summary; may contain HTML or Markdown (the analyzer strips markup). */
  text: string;
  tags?: readonly string[];
  /** May be absent: the engine never needs labels. */
  categoryId?: number | null;
  /** Epoch ms. */
  publishedAt?: number;
  /** BCP-47 hint such as 'en', 'zh', 'ja', 'th'; absent means "detect by script". */
  lang?: string;
}

/** Per-query options for related() and similarTo(). */
export interface RelatedQueryOptions {
  /** Ids that must not appear in the answer (already shown elsewhere on the page, unpublished...). */
  exclude?: ReadonlySet<number>;
  /** Epoch ms; enables the mild freshness preference when given. */
  now?: number;
}

/** Tuning knobs of the related-articles engine; every field has a default in related-options.ts. */
export interface RelatedOptions {
  /** Title tokens count this many times a body token. */
  titleWeight: number;
  /**
   * Title weight growth with the body's length: an article with B body tokens (B > 30) weighs its title
   * titleWeight × (B / 30)^this, so a headline keeps its share of a long article (0 = fixed weight).
   */
  titleWeightGrowth: number;
  /** Each article is reduced to at most this many distinctive terms. */
  maxTermsPerDoc: number;
  /** Added to every idf (1 = scikit-learn's smooth idf); larger favours mid-frequency topical terms. */
  idfOffset: number;
  /**
   * Further idf offset per unit of ln(1 + N), N the number of articles: the flattening follows the
   * site's own idf range (ln N) instead of a constant fitted to corpora of one size.
   */
  idfOffsetPerLogN: number;
  /** Term-frequency curve: 'bm25' saturation with length normalisation, or 'log' (1 + ln tf). */
  tfMode: 'bm25' | 'log';
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Terms in more than this share of articles carry no weight (like max_df). */
  maxDfRatio: number;
  /** Strongest query terms used to fetch candidates (scoring still uses every term). */
  queryTerms: number;
  /** Postings budget per query term, highest impact first: bounds query cost at any N. The budget is
   * shared across the query's terms in proportion to their weight, unused parts flowing on. */
  postingsPerTerm: number;
  /** Postings visited per expansion term (they weigh less than the article's own terms). */
  feedbackPostingsPerTerm: number;
  /** Candidates kept from the inverted index before exact re-scoring. */
  candidates: number;
  /** Pseudo-relevance feedback: how many top neighbours expand the query (0 disables). */
  feedbackDocs: number;
  /** Weight of the neighbours' centroid in the expanded query. */
  feedbackWeight: number;
  /** Terms kept in the expanded query. */
  expandedTerms: number;
  /** Share of the final score taken from the expanded query (0..1). */
  feedbackMix: number;
  /** Bounded boosts from editorial labels, added to a cosine in 0..1. */
  tagBoost: number;
  categoryBoost: number;
  maxLabelBoost: number;
  /** Freshness: at most this share of a score is lost by an old article (only when `now` is given). */
  freshnessWeight: number;
  freshnessHalfLifeDays: number;
  /** Texts whose estimated word-3-shingle overlap (MinHash Jaccard) reaches this are the same story. */
  nearDuplicateJaccard: number;
  /** Markup-stripped text beyond this many characters is not analysed (5 MB bodies stay cheap). */
  maxTextChars: number;
  /** Articles re-weighted with current IDF on each update (rolling refresh against IDF drift). */
  refreshPerUpdate: number;
  /** Language assumed for Latin-script text without a hint (stop words and stemming). */
  defaultLang: string;
  /** Dimensions of the latent semantic space learned from the site's text (0 disables it). */
  latentDim: number;
  /** Share of the final score taken from the latent cosine (0..1); the lexical score keeps the rest. */
  latentMix: number;
  /**
   * Sites whose mean article length (weighted tokens, as BM25 counts them) exceeds this give the latent
   * cosine latentMix × this / mean length: long texts carry their own lexical evidence, short ones need
   * the company their words keep (0 = latentMix whatever the length).
   */
  latentFullLength: number;
  /**
   * A candidate that shares only one weighted term with the article is kept only when its latent
   * cosine reaches this: one shared word must not pull in a story the rest of the text disagrees with.
   */
  singleTermLatentFloor: number;
}
