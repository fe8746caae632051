import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        st.nextToken();
        int n = (int) st.nval;
        st.nextToken();
        int m = (int) st.nval;
        long[] d = new long[n + 1];
        for (int i = 1; i <= n; i++) {
            st.nextToken();
            d[i] = (long) st.nval;
        }
        int[] u = new int[m], v = new int[m];
        long[] w = new long[m];
        for (int j = 0; j < m; j++) {
            st.nextToken();
            u[j] = (int) st.nval;
            st.nextToken();
            v[j] = (int) st.nval;
            st.nextToken();
            w[j] = (long) st.nval;
        }
        // TODO: compute the fastest delivery to every hub
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= n; i++) out.append(i > 1 ? " " : "").append(-1);
        System.out.println(out);
    }
}
