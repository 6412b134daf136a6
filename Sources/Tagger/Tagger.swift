import Corpora
