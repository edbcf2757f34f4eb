// A host in C++ that links Xapian itself: it owns the database, the
// documents and the QueryParser, and asks the plugin (loaded with dlopen)
// to fill each Xapian::Document and to set up its QueryParser.  Prints, per
// query, one line: the total and the ids of the first 20 hits.
//
//   host_cpp PLUGIN.so SCHEMA_DIR DB QUERIES_FILE FILE...
#include <newsfacet/nf_plugin.h>

#include <xapian.h>

#include <dlfcn.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

std::string slurp(const char *path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The id an article's data records ("id=..." line).
std::string doc_id(const Xapian::Document &doc)
{
    std::istringstream data(doc.get_data());
    std::string line;
    while (std::getline(data, line))
        if (line.compare(0, 3, "id=") == 0)
            return line.substr(3);
    return "";
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::cerr << "usage: host_cpp PLUGIN.so SCHEMA_DIR DB QUERIES_FILE FILE...\n";
        return 2;
    }
    void *so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!so) {
        std::cerr << "host_cpp: " << dlerror() << "\n";
        return 1;
    }
    auto entry = reinterpret_cast<nf_plugin_entry_fn>(dlsym(so, NF_PLUGIN_ENTRY_SYMBOL));
    const nf_plugin_descriptor *d = entry ? entry() : nullptr;
    char why[256];
    if (nf_plugin_check(d, why, sizeof why) != 0) {
        std::cerr << "host_cpp: " << why << "\n";
        return 3;
    }
    const nf_plugin_api *api = d->api;
    nf_schema *schema = nullptr;
    nf_plugin_schema_opts opts = {NF_PLUGIN_SCHEMA_OPTS_VERSION, argv[2]};
    if (api->schema_open(&schema, &opts) != 0) {
        std::cerr << "host_cpp: " << api->errmsg() << "\n";
        return 1;
    }
    try {
        Xapian::WritableDatabase db(argv[3], Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 5; i < argc; i++) {
            std::string text = slurp(argv[i]);
            nf_plugin_article a = {};
            a.version = NF_PLUGIN_ARTICLE_VERSION;
            a.id = argv[i];
            a.name = argv[i];
            a.text = text.data();
            a.text_len = text.size();
            Xapian::Document doc;
            char *idterm = nullptr;
            if (api->index_document(schema, &a, &doc) != 0 || api->id_term(&idterm, &a) != 0) {
                std::cerr << "host_cpp: " << api->errmsg() << "\n";
                continue;
            }
            db.replace_document(idterm, doc);
            api->free(idterm);
        }
        db.commit();

        Xapian::QueryParser qp;
        qp.set_database(db);
        if (api->setup_queryparser(schema, &qp) != 0) {
            std::cerr << "host_cpp: " << api->errmsg() << "\n";
            return 1;
        }
        std::ifstream queries(argv[4]);
        std::string q;
        while (std::getline(queries, q)) {
            Xapian::Enquire enq(db);
            const unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                                   Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT;
            enq.set_query(q.empty() ? Xapian::Query::MatchAll : qp.parse_query(q, flags));
            enq.set_sort_by_relevance_then_value(2, false);  // newsfacet's tie-break: the id slot
            Xapian::MSet ms = enq.get_mset(0, 20, db.get_doccount());
            std::cout << ms.get_matches_estimated();
            for (auto it = ms.begin(); it != ms.end(); ++it)
                std::cout << " " << doc_id(it.get_document());
            std::cout << "\n";
        }
    } catch (const Xapian::Error &e) {
        std::cerr << "host_cpp: " << e.get_description() << "\n";
        return 1;
    }
    api->schema_close(schema);
    return 0;
}
