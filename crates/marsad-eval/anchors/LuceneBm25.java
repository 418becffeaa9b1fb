// Marsad's Lucene anchor: Lucene's ArabicAnalyzer with BM25 on the same
// documents and queries as the Rust systems.
//
// Usage: java -cp <lucene jars>:<dir> LuceneBm25 DOCS.tsv QUERIES.tsv OUT.tsv K1 B [K1 B ...]
// DOCS.tsv: id<TAB>text per line; QUERIES.tsv: id<TAB>text per line (tabs and
// newlines inside texts already replaced by spaces).
// OUT.tsv: k1<TAB>b<TAB>query id<TAB>rank<TAB>doc id, top 100 per query.
// Query terms are the analyzer's tokens as SHOULD clauses, as the classic
// query parser would build them, without its syntax pitfalls.

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

public class LuceneBm25 {
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--bench")) {
            bench(args[1]);
            return;
        }
        if (args.length < 5 || (args.length - 3) % 2 != 0) {
            System.err.println("usage: LuceneBm25 DOCS.tsv QUERIES.tsv OUT.tsv K1 B [K1 B ...]");
            System.exit(2);
        }
        Analyzer analyzer = new ArabicAnalyzer();
        Directory dir = new ByteBuffersDirectory();
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
        cfg.setSimilarity(new BM25Similarity());
        cfg.setRAMBufferSizeMB(256);
        try (IndexWriter w = new IndexWriter(dir, cfg);
             BufferedReader r = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                Document d = new Document();
                d.add(new StoredField("id", line.substring(0, tab)));
                d.add(new TextField("body", line.substring(tab + 1), Field.Store.NO));
                w.addDocument(d);
            }
        }
        BooleanQuery.setMaxClauseCount(65536);
        DirectoryReader reader = DirectoryReader.open(dir);
        java.util.List<String[]> queries = new java.util.ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                queries.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(Paths.get(args[2]), StandardCharsets.UTF_8)) {
            for (int s = 3; s + 1 < args.length; s += 2) {
                float k1 = Float.parseFloat(args[s]);
                float b = Float.parseFloat(args[s + 1]);
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity(k1, b));
                for (String[] q : queries) {
                    BooleanQuery.Builder bq = new BooleanQuery.Builder();
                    int n = 0;
                    try (TokenStream ts = analyzer.tokenStream("body", q[1])) {
                        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                        ts.reset();
                        while (ts.incrementToken()) {
                            bq.add(new TermQuery(new Term("body", term.toString())), BooleanClause.Occur.SHOULD);
                            n++;
                        }
                        ts.end();
                    }
                    if (n == 0) continue;
                    TopDocs top = searcher.search(bq.build(), 100);
                    int rank = 1;
                    for (ScoreDoc sd : top.scoreDocs) {
                        String id = reader.document(sd.doc).get("id");
                        out.write(args[s] + "\t" + args[s + 1] + "\t" + q[0] + "\t" + rank + "\t" + id + "\n");
                        rank++;
                    }
                }
            }
        }
        reader.close();
    }

    // Speed anchor: analyzes a UTF-8 file with ArabicAnalyzer for a few
    // seconds after a warm-up and prints MB/s of input on one thread.
    static void bench(String path) throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
        long bytes = Files.size(Paths.get(path));
        Analyzer analyzer = new ArabicAnalyzer();
        long tokens = 0;
        for (int i = 0; i < 3; i++) tokens = analyze(analyzer, text);
        // Wall time, and this thread's CPU time, which a loaded machine does
        // not inflate.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 0;
        long start = System.nanoTime();
        long cpuStart = mx.getCurrentThreadCpuTime();
        while (System.nanoTime() - start < 5_000_000_000L) {
            tokens = analyze(analyzer, text);
            rounds++;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double cpuSecs = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("%.1f MB/s wall, %.1f MB/s on-CPU (%d tokens per round, %d rounds)%n",
            bytes * (double) rounds / secs / 1e6, bytes * (double) rounds / cpuSecs / 1e6, tokens, rounds);
    }

    static long analyze(Analyzer analyzer, String text) throws Exception {
        long n = 0;
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                n += term.length() > 0 ? 1 : 0;
            }
            ts.end();
        }
        return n;
    }
}
