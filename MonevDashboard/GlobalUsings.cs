global using MonevDashboard.Domain;
