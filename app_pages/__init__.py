"""Pages of the Streamlit app; each arranges widgets and calls the clusternet library."""
