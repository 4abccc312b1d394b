// Framework stubs are declared here under their real metadata names.
