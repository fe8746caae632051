import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        st.nextToken();
        int n = (int) st.nval;
        st.nextToken();
        int m = (int) st.nval;
        long[] g = new long[n + 1];
        for (int i = 1; i <= n; i++) {
            st.nextToken();
            g[i] = (long) st.nval;
        }
        int[] a = new int[m], b = new int[m];
        for (int j = 0; j < m; j++) {
            st.nextToken();
            a[j] = (int) st.nval;
            st.nextToken();
            b[j] = (int) st.nval;
        }
        // TODO: find the most gold the explorer can collect
        System.out.println(0);
    }
}
